import type { AddressInfo } from 'node:net';
import startSesServer from 'aws-ses-v2-local';

/** A running local SES; its root page is a web inbox of every mail sent. */
export interface RunningSes {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts aws-ses-v2-local on loopback (port 0 = any free port). */
export async function startSesLocal(port = 0): Promise<RunningSes> {
  const server = await startSesServer({ host: '127.0.0.1', port });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
