package io.crossbarlab.app.scheduler.web;

import io.crossbarlab.app.scheduler.NodeView;
import io.crossbarlab.app.scheduler.Nodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "nodes", description = "Service instances and their tile pools")
class NodeController {

    private final Nodes nodes;

    NodeController(Nodes nodes) {
        this.nodes = nodes;
    }

    @GetMapping(path = "/api/v1/nodes", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listNodes",
            summary = "Every node: its tiles (total, allocated), running jobs and last heartbeat")
    List<NodeView> nodes() {
        return nodes.all();
    }
}
