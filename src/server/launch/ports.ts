import net from "node:net";

export class PortInUseError extends Error {}

/** Fails with a message a person can act on when `port` is taken on `host`. */
export async function assertPortFree(input: { port: number; host: string; what: string; envVar: string }) {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(input.port, input.host, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new PortInUseError(
      `Port ${input.port} on ${input.host} is already in use, so ${input.what} cannot start there.\n` +
        `Stop whatever is using it (\`ss -ltnp 'sport = :${input.port}'\` shows it), or choose another port with ${input.envVar}=<port>.`,
    );
  }
}
