import java.sql.*;
import java.util.*;

/**
 * Part of bench/h2-crash: inserts rows from several threads into an H2 file database; after each
 * commit (and CHECKPOINT, if asked) prints the row id, then updates an older row so that chunks die and
 * H2 reuses their space. Runs until killed.
 */
public class Writer {
    public static void main(String[] a) throws Exception {
        String url = a[0];
        boolean checkpoint = Boolean.parseBoolean(a[1]);
        int threads = Integer.parseInt(a[2]);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("create table if not exists t(id varchar(40) primary key, pad varchar(2000))");
        }
        String pad = "x".repeat(1500);
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    c.setAutoCommit(false);
                    PreparedStatement ins = c.prepareStatement("insert into t values(?,?)");
                    PreparedStatement upd = c.prepareStatement("update t set pad = ? where id = ?");
                    Statement cp = c.createStatement();
                    List<String> mine = new ArrayList<>();
                    Random r = new Random();
                    while (true) {
                        String id = UUID.randomUUID().toString();
                        ins.setString(1, id); ins.setString(2, pad); ins.executeUpdate();
                        c.commit();
                        if (checkpoint) cp.execute("checkpoint");
                        synchronized (System.out) { System.out.println(id); System.out.flush(); }
                        mine.add(id);
                        // churn: update older rows so chunks die and space gets reused
                        String old = mine.get(r.nextInt(mine.size()));
                        upd.setString(1, pad + r.nextInt()); upd.setString(2, old); upd.executeUpdate();
                        c.commit();
                    }
                } catch (Exception e) { e.printStackTrace(); }
            }).start();
        }
    }
}
