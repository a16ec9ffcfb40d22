/**
 * Keys name goals, teams, cycles, sprints, objectives, key results and initiatives in plan files
 * and scopes ("G1", "Q1-27", "O1-KR2", "O1@Q2-27"). Letters, digits and . _ - @, 1..64 characters.
 */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const KEY_RULE = 'must be 1-64 letters, digits or . _ - @, starting with a letter or digit';
