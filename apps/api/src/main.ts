import { Logger } from '@nestjs/common';
import { EnvError, loadEnv } from '@app/config';
import { createApp } from './bootstrap.js';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(env);
  await app.listen(env.port, '0.0.0.0');
  const logger = new Logger('Throughline');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(`Throughline is running at ${url} (GraphQL at ${url}/graphql)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
