export {
  FakeLinear,
  type IssueInput,
  type LinearFault,
  type LinearRequest,
} from './fake-linear-server.js';
export * from './linear-shapes.js';
export * from './webhook-sender.js';
