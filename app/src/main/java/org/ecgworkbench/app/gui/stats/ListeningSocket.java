package org.ecgworkbench.app.gui.stats;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpServer;

/**
 * Reads the address a Vert.x HTTP server's listening socket is actually bound to.
 *
 * <p>Why reflection: Vert.x 3.9 (the version DL4J 1.0.0-M2.1 brings) exposes only {@code actualPort()}, not the
 * bound host. The truth is the Netty server channel, which {@code HttpServerImpl} keeps in its (private)
 * {@code bindFuture}; asking that channel for its local address reports what the kernel bound, rather than echoing
 * the host we asked for. If a Vert.x upgrade renames the fields, this fails loudly instead of guessing.
 */
final class ListeningSocket {

    private ListeningSocket() {
    }

    /** The local address (host and port) of server's bound listening channel. */
    static InetSocketAddress localAddress(HttpServer server) {
        try {
            Object impl = field(server, "actualServer");
            Object owner = impl != null ? impl : server;
            io.netty.util.concurrent.Future<?> bound = (io.netty.util.concurrent.Future<?>) field(owner, "bindFuture");
            if (bound == null || !bound.isSuccess()) {
                throw new IllegalStateException("HTTP server is not listening");
            }
            return (InetSocketAddress) ((Channel) bound.getNow()).localAddress();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read the listening socket of " + server.getClass().getName(), e);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }
}
