package com.tanfang;

import com.tanfang.evidence.VerifyLogCommand;
import com.tanfang.platform.EmbeddedDatabase;
import com.tanfang.platform.StartupDiagnosis;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Tanfang", version = "1",
        description = "Service-certification evidence: accounts, organisations, sites, schemes, surveys."))
public class Application {

    public static void main(String[] args) {
        EmbeddedDatabase.stopExplicitly();
        if (args.length > 0 && VerifyLogCommand.NAME.equals(args[0])) {
            VerifyLogCommand.main(args);
            return;
        }
        ApplicationContext context = null;
        int port = Integer.parseInt(System.getProperty("micronaut.server.port",
                System.getenv().getOrDefault("MICRONAUT_SERVER_PORT", "8080")));
        // Before anything else: a busy port found after first-start setup would lose the printed admin password.
        if (!portFree(port)) {
            System.err.println("ERROR: " + StartupDiagnosis.explain(new java.net.BindException("Address already in use"), port));
            System.exit(1);
        }
        try {
            context = ApplicationContext.builder(Application.class).args(args).banner(false).start();
            port = context.getProperty("micronaut.server.port", Integer.class, port);
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            ApplicationContext running = context;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.close();
                EmbeddedDatabase.stop();
            }, "tanfang-shutdown"));
            System.out.println("Tanfang is running at " + server.getURL() + "/  (health: " + server.getURL() + "/health)");
        } catch (Throwable e) {
            System.err.println("ERROR: " + StartupDiagnosis.explain(e, port));
            if (Boolean.getBoolean("tanfang.debug")) {
                e.printStackTrace();
            }
            if (context != null && context.isRunning()) {
                context.close();
            }
            EmbeddedDatabase.stop();
            System.exit(1);
        }
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
