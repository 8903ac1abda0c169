import { createServer, type Server, Socket } from "node:net";

/** A loopback port nothing listens on (one that was just listening): connecting to it is refused. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A TCP relay on loopback in front of PostgreSQL: `stop()` drops every connection and refuses new ones
 * (as a stopped PostgreSQL does), `start()` relays again on the same port (PostgreSQL is back).
 */
export async function startDatabaseRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    if (server) return;
    const relay = createServer((incoming) => {
      const outgoing = new Socket();
      for (const socket of [incoming, outgoing]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      outgoing.connect(target.port, target.host);
      incoming.pipe(outgoing).pipe(incoming);
      incoming.on("close", () => outgoing.destroy());
      outgoing.on("close", () => incoming.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      relay.once("error", reject);
      relay.listen(port, "127.0.0.1", resolve);
    });
    port = (relay.address() as { port: number }).port;
    server = relay;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    stop: async () => {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (closing) await new Promise((resolve) => closing.close(resolve));
    },
    start: listen,
  };
}
