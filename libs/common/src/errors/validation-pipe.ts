import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import type { FieldProblem } from '@app/domain';

/**
 * The global input validation: class-validator on every input, unknown properties refused, and
 * every problem reported with its field path (e.g. `input.weight: must be greater than 0`).
 */
export function createValidationPipe(): ValidationPipe {
  return new FieldPathValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'invalid input', fields: flatten(errors) }),
  });
}

/** Prefixes field paths with the argument's name, so `input.weight` says where the problem is. */
class FieldPathValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const arg = metadata.data;
      if (!(error instanceof BadRequestException) || typeof arg !== 'string') throw error;
      const response = error.getResponse() as { fields?: FieldProblem[] };
      const fields = (response.fields ?? []).map((f) => ({ ...f, field: `${arg}.${f.field}` }));
      throw new BadRequestException({ message: 'invalid input', fields });
    }
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(new RegExp(`^${error.property} `), ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
