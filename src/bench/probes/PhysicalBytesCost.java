import org.bytedeco.javacpp.Pointer;
/** What one JavaCPP resident-size check costs (it runs on every native allocation unless -Dorg.bytedeco.javacpp.maxPhysicalBytes=0). Usage: java -cp target/zoo.jar src/bench/probes/PhysicalBytesCost.java */
public class PhysicalBytesCost {
  public static void main(String[] a) {
    io.github.dl4jzoo.train.Engine.configure();
    System.out.println("maxPhysicalBytes=" + Pointer.maxPhysicalBytes() + " maxBytes=" + Pointer.maxBytes());
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime(); long s = 0;
      for (int i = 0; i < 20000; i++) s += Pointer.physicalBytesInaccurate(Long.MAX_VALUE);
      System.out.printf("physicalBytesInaccurate: %.2f us/call (%d)%n", (System.nanoTime() - t0) / 1e3 / 20000, s % 7);
    }
  }
}
