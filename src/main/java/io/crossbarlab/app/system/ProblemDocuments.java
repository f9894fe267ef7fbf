package io.crossbarlab.app.system;

import io.crossbarlab.sim.preset.InvalidSpecException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Building blocks of the service's RFC 9457 problem documents, for every exception handler. */
public final class ProblemDocuments {

    private ProblemDocuments() {}

    /** A problem of the given status, type, title and detail. */
    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        return p;
    }

    /** The {@code errors} member: one {@code {field, message}} object per violation. */
    public static List<Map<String, String>> errors(List<InvalidSpecException.Violation> violations) {
        List<Map<String, String>> out = new ArrayList<>();
        for (InvalidSpecException.Violation v : violations) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("field", v.field());
            e.put("message", v.message());
            out.add(e);
        }
        return out;
    }
}
