import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that is listening. */
export interface ListeningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 (port 0 = any free port); `stop` drops open connections and closes it. */
export async function listenLocally(server: Server, port = 0): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
