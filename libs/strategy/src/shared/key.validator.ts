import { Matches } from 'class-validator';
import { KEY_PATTERN, KEY_RULE } from '@app/domain';

/** class-validator rule for entity keys (G1, Q1-27, O1-KR2, ...). */
export const IsKey = () => Matches(KEY_PATTERN, { message: KEY_RULE });
