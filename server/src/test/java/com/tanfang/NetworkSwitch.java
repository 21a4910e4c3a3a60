package com.tanfang;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the test server that can be cut, like a phone losing its network. Chromium's own
 * offline emulation (setNetworkConditions) covers the page but not its service worker's fetches, so a browser test
 * that must prove "works offline" talks to the server through this and cuts it: every connection, the worker's
 * too, is then refused.
 */
public final class NetworkSwitch implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    public NetworkSwitch(URL server) throws IOException {
        this.target = new InetSocketAddress(server.getHost(), server.getPort());
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
    }

    /** The server's address through the relay: http://localhost:PORT (same host name as the server's). */
    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** No network: open connections are cut and new ones refused. */
    public synchronized void cut() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    /** The network is back, on the same port. */
    public synchronized void restore() throws IOException {
        if (listener == null) {
            ServerSocket l = new ServerSocket();
            l.setReuseAddress(true);
            l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(l);
        }
    }

    private void listen(ServerSocket l) {
        listener = l;
        Thread accept = new Thread(() -> {
            while (!l.isClosed()) {
                try {
                    Socket client = l.accept();
                    Socket upstream = new Socket(target.getHostString(), target.getPort());
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed by cut(), or the server went away: the loop ends with the listener
                }
            }
        }, "network-switch-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
                open.remove(from);
                open.remove(to);
            }
        }, "network-switch-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
