import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { MAX_PROBLEMS, textProblem, type FieldProblem } from '@app/domain';

/**
 * The global input validation: class-validator on every input, unknown properties refused, and
 * every problem reported with its field path (e.g. `input.weight: must be greater than 0`). Before
 * that, every string anywhere in an argument (plain `key: String` arguments, nested inputs, list
 * items) must be text PostgreSQL can store: no NUL and no unpaired surrogate (docs/design.md 4.5).
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

/**
 * Where client data arrives: GraphQL arguments (@nestjs/graphql's GqlParamtype.ARGS, which its
 * index does not export) and the HTTP body, query and route parameters.
 */
const GRAPHQL_ARGS = 3;
const CLIENT_DATA = new Set<unknown>([GRAPHQL_ARGS, 'body', 'query', 'param']);

/** Prefixes field paths with the argument's name, so `input.weight` says where the problem is. */
class FieldPathValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const arg = typeof metadata.data === 'string' ? metadata.data : '';
    if (CLIENT_DATA.has(metadata.type)) {
      const invalid = invalidText(value, arg);
      if (invalid.length)
        throw new BadRequestException({ message: 'invalid input', fields: invalid });
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof BadRequestException) || !arg) throw error;
      const response = error.getResponse() as { fields?: FieldProblem[] };
      const fields = (response.fields ?? []).map((f) => ({ ...f, field: `${arg}.${f.field}` }));
      throw new BadRequestException({ message: 'invalid input', fields });
    }
  }
}

/**
 * Every string in `value` (walked through objects and lists) that cannot be stored as text, with
 * its path (`input.title`, `tickets.3.labels.0`, `key`). Linear in the size of the argument; stops
 * listing after MAX_PROBLEMS.
 */
export function invalidText(value: unknown, path: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  const walk = (v: unknown, at: string, depth: number) => {
    if (found.length >= MAX_PROBLEMS || depth > 64) return;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) found.push({ field: at, message: problem });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, join(at, String(i)), depth + 1));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (textProblem(k)) found.push({ field: join(at, '(a name)'), message: textProblem(k)! });
        walk(item, join(at, k), depth + 1);
      }
    }
  };
  walk(value, path, 0);
  return found;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

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
