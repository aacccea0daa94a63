import { connect } from 'node:net';

/**
 * A client that sends `head` and then one byte of `trickle` every 100 ms,
 * for at most `trickle.length` bytes (so a server without a timeout holds
 * it for that long, then answers). Resolves with how many trickled bytes
 * went out before the server ended the connection, and what it answered.
 */
export function slowClient(url: string, head: string, trickle: string): Promise<{ bytesSent: number; answer: string }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let bytesSent = 0;
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (bytesSent >= trickle.length || socket.destroyed) return clearInterval(timer);
        socket.write(trickle[bytesSent]!);
        bytesSent += 1;
      }, 100);
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ bytesSent, answer });
    });
  });
}
