package io.github.dl4jzoo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark contexts as the zoo opens them. In local mode nothing listens beyond the loopback interface: the driver
 * binds to 127.0.0.1 and the web UI stays off unless {@code -Ddl4jzoo.spark.ui=true} (then, started through
 * {@code ./zoo}, on 127.0.0.1 too, as the launcher sets {@code SPARK_LOCAL_IP}). A local master gets Spark's
 * task retries, which local mode otherwise switches off.
 */
final class SparkContexts {
    /** Attempts of one task in local mode: the first and three retries, as spark.task.maxFailures on a cluster. */
    static final int LOCAL_TASK_ATTEMPTS = 4;

    private SparkContexts() {}

    static JavaSparkContext open(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(withRetries(master));
        if (isLocal(master)) {
            conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        }
        conf.set("spark.ui.enabled", Boolean.toString(Boolean.getBoolean("dl4jzoo.spark.ui")));
        conf.setIfMissing("spark.task.maxFailures", Integer.toString(LOCAL_TASK_ATTEMPTS));
        return new JavaSparkContext(conf);
    }

    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** {@code local[N]} becomes {@code local[N,4]}: the form in which local mode retries a failed task. */
    static String withRetries(String master) {
        if (master.equals("local")) {
            return "local[1," + LOCAL_TASK_ATTEMPTS + "]";
        }
        if (master.startsWith("local[") && master.endsWith("]") && !master.contains(",")) {
            return master.substring(0, master.length() - 1) + "," + LOCAL_TASK_ATTEMPTS + "]";
        }
        return master;
    }

    /** The concurrent tasks of a local master: N of local[N], the cores for local[*]; 0 when not local. */
    static int localSlots(String master) {
        if (!isLocal(master)) {
            return 0;
        }
        if (master.equals("local")) {
            return 1;
        }
        String n = master.substring("local[".length(), master.length() - 1).split(",")[0];
        return n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }
}
