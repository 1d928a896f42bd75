import { createServer, type AddressInfo, type Socket } from "node:net";

export interface SilentServer {
  readonly port: number;
  close(): void;
}

/**
 * A TCP server on 127.0.0.1 that accepts connections and never says anything - or, given
 * `answer`, writes it and closes the connection as soon as the client speaks.
 */
export async function listenSilently(answer?: string): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (answer !== undefined) socket.once("data", () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
