import java.sql.*;
import java.nio.file.*;
import java.util.*;
/** Part of bench/h2-crash: counts the printed (acknowledged) ids missing from the database. */
public class Check {
    public static void main(String[] a) throws Exception {
        List<String> ids = Files.readAllLines(Path.of(a[1]));
        int lost = 0, n = 0;
        try (Connection c = DriverManager.getConnection(a[0], "sa", "");
             PreparedStatement ps = c.prepareStatement("select 1 from t where id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id.length() != 36) continue; // torn last line
                n++;
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) { if (!rs.next()) { lost++; System.out.println("lost line " + i + " of " + ids.size()); } }
            }
        }
        System.out.println("acked " + n + " lost " + lost);
    }
}
