package io.crossbarlab.app.system;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means "the database cannot be reached or is briefly unable to serve" (down,
 * restarting, connections cut or refused, pool exhausted, a serialisation conflict) rather than a
 * defect. Such failures get a 503 at the API and a retry in the workers; everything else is a bug.
 * A failed commit may have committed: whatever is retried on these grounds must be idempotent.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TransientDataAccessException
                    || c instanceof RecoverableDataAccessException
                    || c instanceof DataAccessResourceFailureException
                    || c instanceof CannotCreateTransactionException
                    // a commit or rollback that failed because its connection died
                    || c instanceof TransactionSystemException
                    || c instanceof org.hibernate.TransactionException
                    || c instanceof SQLTransientException
                    || c instanceof SQLRecoverableException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08 connection exception, 57 operator intervention (shutdown, terminated backend),
                // 53 insufficient resources, 40001/40P01 serialisation failure and deadlock
                if (state.startsWith("08")
                        || state.startsWith("57")
                        || state.startsWith("53")
                        || state.equals("40001")
                        || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }
}
