import { Module, type DynamicModule } from '@nestjs/common';
import { SecretBox } from './secret-box.js';

/** The SecretBox for every module, with the key resolveSecretsKey gives (SECRETS_KEY or DATA_DIR). */
@Module({})
export class SecretsModule {
  static forRoot(key: Buffer): DynamicModule {
    return {
      module: SecretsModule,
      global: true,
      providers: [{ provide: SecretBox, useValue: new SecretBox(key) }],
      exports: [SecretBox],
    };
  }
}
