/**
 * fetchWithinPolicy against real sockets. Every server listens on 127.0.0.1 only, and every URL used is
 * a loopback form (127.0.0.1, [::1], localhost, 2130706433): refusals are proven without sending a
 * single packet off this machine.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { refusalOfAsync } from "@/test/refusal";
import { fetchWithinPolicy, type TResolve, type TUrlPolicy } from "./safe-fetch";

type TServer = {
  port: number;
  origin: string;
  requests: http.IncomingMessage[];
  /** Resolves when every socket the server accepted so far has closed. */
  socketsClosed: () => Promise<void>;
  close: () => Promise<void>;
};

const servers: TServer[] = [];

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TServer> {
  const requests: http.IncomingMessage[] = [];
  const sockets: Promise<void>[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.on("connection", (socket: Socket) => {
    sockets.push(new Promise((resolve) => socket.on("close", () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const result: TServer = {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    socketsClosed: async () => {
      await Promise.all(sockets);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(result);
  return result;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const IMAGE = Buffer.from("pretend these are image bytes");

function policyFor(server: TServer, overrides: Partial<TUrlPolicy> = {}): TUrlPolicy {
  return {
    allowedHosts: [`127.0.0.1:${server.port}`],
    allowedAddresses: ["127.0.0.1"],
    timeoutMs: 2_000,
    maxBytes: 1_000,
    ...overrides,
  };
}

const refusal = (promise: Promise<unknown>) => refusalOfAsync(promise);

const sendImage = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "image/png", "content-length": IMAGE.length });
  res.end(IMAGE);
};

describe("fetchWithinPolicy", () => {
  it("fetches from a listed host at an allowed address", async () => {
    const server = await serve(sendImage);
    const body = await fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server));
    expect(Buffer.from(body)).toEqual(IMAGE);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.host).toBe(`127.0.0.1:${server.port}`);
    await server.socketsClosed();
  });

  it("refuses a host that is not listed, without connecting", async () => {
    const server = await serve(sendImage);
    const error = await refusal(
      fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server, { allowedHosts: ["127.0.0.1:1"] })),
    );
    expect(error.message).toBe(
      `127.0.0.1:${server.port} is not on this Attache's list of hosts media may be imported from.`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("matches a host entry without a port only on the scheme's default port", async () => {
    const server = await serve(sendImage);
    const error = await refusal(
      fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server, { allowedHosts: ["127.0.0.1"] })),
    );
    expect(error.message).toMatch(/is not on this Attache's list/);
    expect(server.requests).toHaveLength(0);
  });

  describe("refuses loopback when no address is allowed, whatever the URL's spelling", () => {
    it.each([
      ["http://127.0.0.1:PORT/x.png", "127.0.0.1:PORT"],
      ["http://[::1]:PORT/x.png", "[::1]:PORT"],
      ["http://2130706433:PORT/x.png", "127.0.0.1:PORT"],
      ["http://2130706433:PORT/x.png", "2130706433:PORT"],
      ["http://0x7f.0.0.1:PORT/x.png", "127.0.0.1:PORT"],
      ["http://[::ffff:127.0.0.1]:PORT/x.png", "[::ffff:127.0.0.1]:PORT"],
      ["http://localhost:PORT/x.png", "localhost:PORT"],
    ])("%s", async (url, host) => {
      const server = await serve(sendImage);
      const port = String(server.port);
      const error = await refusal(
        fetchWithinPolicy(url.replace("PORT", port), {
          allowedHosts: [host.replace("PORT", port)],
          allowedAddresses: [],
          timeoutMs: 2_000,
          maxBytes: 1_000,
        }),
      );
      expect(error.message).toMatch(/^Attache does not import media from .+ is a loopback address\.$/);
      expect(server.requests).toHaveLength(0);
    });
  });

  it("refuses other schemes and URLs with credentials", async () => {
    const server = await serve(sendImage);
    const policy = policyFor(server);
    expect((await refusal(fetchWithinPolicy(`ftp://127.0.0.1:${server.port}/x.png`, policy))).message).toMatch(
      /only over http or https; this URL uses ftp/,
    );
    expect((await refusal(fetchWithinPolicy(`file:///etc/passwd`, policy))).message).toMatch(/this URL uses file/);
    expect(
      (await refusal(fetchWithinPolicy(`http://admin:secret@127.0.0.1:${server.port}/x.png`, policy))).message,
    ).toBe("A media URL may not contain a user name or password.");
    expect((await refusal(fetchWithinPolicy("not a url", policy))).message).toBe("The media URL is not a valid URL.");
    expect(server.requests).toHaveLength(0);
  });

  it("follows a redirect on the same host and port", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old.png") {
        res.writeHead(302, { location: "/moved.png" });
        res.end();
      } else if (req.url === "/moved.png") {
        res.writeHead(301, { location: `http://127.0.0.1:${server.port}/final.png` });
        res.end();
      } else {
        sendImage(req, res);
      }
    });
    const body = await fetchWithinPolicy(`${server.origin}/old.png`, policyFor(server));
    expect(Buffer.from(body)).toEqual(IMAGE);
    expect(server.requests.map((req) => req.url)).toEqual(["/old.png", "/moved.png", "/final.png"]);
    await server.socketsClosed();
  });

  it("refuses a redirect to another port on loopback, naming it, without following it", async () => {
    const other = await serve(sendImage);
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/logo.png` });
      res.end();
    });
    const error = await refusal(
      fetchWithinPolicy(`${server.origin}/logo.png`, {
        ...policyFor(server),
        allowedHosts: [`127.0.0.1:${server.port}`, `127.0.0.1:${other.port}`],
      }),
    );
    expect(error.message).toBe(
      `The media URL redirected to http://127.0.0.1:${other.port}; Attache follows redirects only within http://127.0.0.1:${server.port}.`,
    );
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a redirect to another scheme on the same host", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `https://127.0.0.1:${server.port}/logo.png` });
      res.end();
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server)));
    expect(error.message).toMatch(/redirected to https:\/\/127\.0\.0\.1/);
    expect(server.requests).toHaveLength(1);
  });

  it("stops after maxRedirects", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `/hop${server.requests.length}` });
      res.end();
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/start`, policyFor(server, { maxRedirects: 2 })));
    expect(error.message).toBe("The media URL redirected more than 2 times.");
    expect(server.requests).toHaveLength(3);
  });

  it("refuses a non-2xx answer with its status", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404, "Not Found");
      res.end("missing");
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server)));
    expect(error.message).toBe("The media URL answered HTTP 404 Not Found.");
  });

  it("refuses a body whose Content-Length is over maxBytes and closes the connection", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": 50_000 });
      res.write(Buffer.alloc(10_000));
      // The rest never comes; the client must not wait for it.
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/big.png`, policyFor(server)));
    expect(error.message).toBe("The image at the media URL is larger than the 1 kB limit.");
    await server.socketsClosed();
  });

  it("refuses a chunked body once it passes maxBytes and closes the connection", async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "image/png" });
      const timer = setInterval(() => {
        written += 300;
        res.write(Buffer.alloc(300));
      }, 5);
      res.on("close", () => clearInterval(timer));
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/stream.png`, policyFor(server)));
    expect(error.message).toBe("The image at the media URL is larger than the 1 kB limit.");
    await server.socketsClosed();
    expect(written).toBeLessThan(50_000);
  });

  it("refuses a server that never answers within timeoutMs and closes the connection", async () => {
    const server = await serve(() => {});
    const started = Date.now();
    const error = await refusal(fetchWithinPolicy(`${server.origin}/slow.png`, policyFor(server, { timeoutMs: 300 })));
    const elapsed = Date.now() - started;
    expect(error.message).toBe("The media URL did not answer within 0.3 s.");
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    await server.socketsClosed();
  });

  it("counts the body against the same deadline", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": 100 });
      const timer = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await refusal(
      fetchWithinPolicy(`${server.origin}/trickle.png`, policyFor(server, { timeoutMs: 300 })),
    );
    expect(error.message).toMatch(/did not answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
    await server.socketsClosed();
  });

  it("refuses a connection the server cuts before the body is complete", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { "content-length": 100 });
      res.write("partial");
      setTimeout(() => req.socket.destroy(), 50);
    });
    const error = await refusal(fetchWithinPolicy(`${server.origin}/cut.png`, policyFor(server)));
    expect(error.message).toBe(
      `The media URL's host 127.0.0.1:${server.port} closed the connection before the image was complete.`,
    );
  });

  it("refuses a server that hangs up without answering", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await refusal(fetchWithinPolicy(`${server.origin}/gone.png`, policyFor(server)));
    expect(error.message).toMatch(/^The media URL's host 127\.0\.0\.1:\d+ closed the connection without answering/);
  });

  it("refuses a listed, allowed host where nothing listens", async () => {
    const server = await serve(sendImage);
    await server.close();
    const error = await refusal(fetchWithinPolicy(`${server.origin}/logo.png`, policyFor(server)));
    expect(error.message).toBe(`The media URL's host 127.0.0.1:${server.port} could not be reached (ECONNREFUSED).`);
  });

  describe("with names resolved by a stand-in resolver", () => {
    it("connects to the vetted address and keeps the name as Host", async () => {
      const server = await serve(sendImage);
      const resolve: TResolve = async () => ["127.0.0.1"];
      const body = await fetchWithinPolicy(
        `http://media.example.test:${server.port}/logo.png`,
        policyFor(server, { allowedHosts: [`media.example.test:${server.port}`] }),
        { resolve },
      );
      expect(Buffer.from(body)).toEqual(IMAGE);
      expect(server.requests[0]?.headers.host).toBe(`media.example.test:${server.port}`);
    });

    it("refuses a name when any of its addresses is refused, naming it", async () => {
      const server = await serve(sendImage);
      const resolve: TResolve = async () => ["127.0.0.1", "10.0.0.7"];
      const error = await refusal(
        fetchWithinPolicy(
          `http://media.example.test:${server.port}/logo.png`,
          policyFor(server, { allowedHosts: [`media.example.test:${server.port}`] }),
          { resolve },
        ),
      );
      expect(error.message).toBe(
        "Attache does not import media from media.example.test (it resolves to 10.0.0.7): 10.0.0.7 is a private-network address.",
      );
      expect(server.requests).toHaveLength(0);
    });

    it("re-vets the name on every redirect hop (DNS rebinding)", async () => {
      const answers = [["127.0.0.1"], ["169.254.169.254"]];
      const resolve: TResolve = async () => answers.shift() ?? [];
      const server = await serve((_req, res) => {
        res.writeHead(302, { location: "/again.png" });
        res.end();
      });
      const error = await refusal(
        fetchWithinPolicy(
          `http://media.example.test:${server.port}/logo.png`,
          policyFor(server, { allowedHosts: [`media.example.test:${server.port}`] }),
          { resolve },
        ),
      );
      expect(error.message).toMatch(/169\.254\.169\.254 is a link-local address/);
      expect(server.requests).toHaveLength(1);
    });

    it("refuses a name that does not resolve", async () => {
      const server = await serve(sendImage);
      const resolve: TResolve = async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      };
      const error = await refusal(
        fetchWithinPolicy(
          `http://nowhere.example.test:${server.port}/logo.png`,
          policyFor(server, { allowedHosts: [`nowhere.example.test:${server.port}`] }),
          { resolve },
        ),
      );
      expect(error.message).toBe("The media URL's host nowhere.example.test could not be found.");
    });

    it("counts a slow resolver against the deadline", async () => {
      const server = await serve(sendImage);
      const resolve: TResolve = () => new Promise(() => {});
      const error = await refusal(
        fetchWithinPolicy(
          `http://slow.example.test:${server.port}/logo.png`,
          policyFor(server, { allowedHosts: [`slow.example.test:${server.port}`], timeoutMs: 200 }),
          { resolve },
        ),
      );
      expect(error.message).toBe("The media URL did not answer within 0.2 s.");
    });
  });
});
