import net from 'node:net';
import type { ServerConfig } from '../../office/server/connection';

/**
 * A network link between a desktop and the office server that a test can cut and mend:
 * a TCP relay on a port of its own. Cutting drops every connection through it and
 * refuses new ones, as a pulled cable or a server restart would.
 */
export class CuttableLink {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private port = 0;

  private constructor(private readonly target: ServerConfig) {}

  static async open(target: ServerConfig): Promise<CuttableLink> {
    const link = new CuttableLink(target);
    await link.mend();
    return link;
  }

  /** The server as a desktop reaches it through this link. */
  get config(): ServerConfig {
    return { ...this.target, host: '127.0.0.1', port: this.port };
  }

  async mend(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((inbound) => {
      const outbound = net.connect(this.target.port, this.target.host);
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
