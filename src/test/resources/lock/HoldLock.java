import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Holds the zoo's lock on a folder as another zoo process would, until killed: java HoldLock.java DIR. */
public class HoldLock {
    public static void main(String[] args) throws Exception {
        FileChannel ch = FileChannel.open(
                Path.of(args[0], ".dl4jzoo.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.lock();
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on test-host\n").getBytes()), 0);
        System.out.println("locked");
        Thread.sleep(120_000);
    }
}
