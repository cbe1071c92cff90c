package dev.surel.e2e;

import dev.surel.admin.AdminClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One CLI command sent to the running server of {@code data} over its admin channel, as {@code ./surel ARGS} would. */
record AdminRun(int exit, String out, String err) {

    static AdminRun admin(Path data, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of(args), null, out, err);
        return new AdminRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
