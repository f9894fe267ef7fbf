import org.h2.mvstore.MVStore;
/**
 * Part of bench/h2-crash: opens the store in H2's recovery mode (full scan) and closes it cleanly, as
 * io.crossbarlab.app.system.H2CrashRecovery does before the service opens its file.
 */
public class RawRecover {
    public static void main(String[] a) {
        long t = System.nanoTime();
        MVStore s = new MVStore.Builder().fileName(a[0]).recoveryMode().open();
        long v = s.getCurrentVersion();
        s.close();
        System.out.printf("recovered to version %d in %.0f ms%n", v, (System.nanoTime() - t) / 1e6);
    }
}
