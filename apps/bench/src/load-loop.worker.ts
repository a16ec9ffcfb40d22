import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop } from './load-loop.js';

/**
 * A closed loop of clients in a thread of its own, so the client's work (fetch, parsing the
 * answers) does not share the server's event loop: what is measured is the server.
 */
const { url, init, clients, ms } = workerData as {
  url: string;
  init: RequestInit;
  clients: number;
  ms: number;
};
const figures = await closedLoop(() => fetch(url, init), clients, ms);
parentPort!.postMessage(figures);
