import { parse, stringify } from 'yaml';

type CycleState = 'DRAFT' | 'ACTIVE' | 'CLOSED';

interface PlanText {
  cycles?: { key: string; state?: CycleState }[];
  objectives?: {
    key: string;
    cycle: string;
    keyResults?: { key: string }[];
  }[];
  initiatives?: { supports?: { keyResult?: string }[] }[];
}

/** Objectives the plan file shows as carried forward: `<key>@<cycle>` copies of its objectives. */
export interface CarriedObjectives {
  fromCycleKey: string;
  toCycleKey: string;
  objectiveKeys: string[];
}

/** The plan to load first, and what the replay must then do to arrive at the file's state. */
export interface PlanReplay {
  yaml: string;
  carried: CarriedObjectives[];
}

/**
 * demo/plan.yaml is the organization as it stands after seeding; the seeder arrives there by
 * replaying how it got there, so that the history the file cannot hold (baselines, scores,
 * check-ins, carried-forward copies with their origin) is made by the operations that make it.
 * This is the plan to load first: the cycles in the states given (the closed cycle still ACTIVE,
 * the active one still DRAFT), without the carried copies (`<key>@<cycle>` of an objective of the
 * file), and with the initiative links of the copies' key results on their originals, where
 * carryForward then moves them from. After the replay the file imports with nothing to change.
 */
export function planBeforeReplay(text: string, states: Record<string, CycleState>): PlanReplay {
  const plan = parse(text) as PlanText;
  for (const cycle of plan.cycles ?? []) if (states[cycle.key]) cycle.state = states[cycle.key];
  const objectives = plan.objectives ?? [];
  const byKey = new Map(objectives.map((o) => [o.key, o]));
  const originOfKeyResult = new Map<string, string>();
  const carried = new Map<string, CarriedObjectives>();
  const copies = objectives.filter((copy) => {
    const at = copy.key.lastIndexOf('@');
    const origin = at > 0 ? byKey.get(copy.key.slice(0, at)) : undefined;
    if (!origin || copy.key.slice(at + 1) !== copy.cycle) return false;
    for (const kr of origin.keyResults ?? []) originOfKeyResult.set(`${kr.key}@${copy.cycle}`, kr.key);
    const pair = `${origin.cycle}>${copy.cycle}`;
    if (!carried.has(pair))
      carried.set(pair, { fromCycleKey: origin.cycle, toCycleKey: copy.cycle, objectiveKeys: [] });
    carried.get(pair)!.objectiveKeys.push(origin.key);
    return true;
  });
  plan.objectives = objectives.filter((o) => !copies.includes(o));
  for (const initiative of plan.initiatives ?? [])
    for (const link of initiative.supports ?? [])
      if (link.keyResult && originOfKeyResult.has(link.keyResult))
        link.keyResult = originOfKeyResult.get(link.keyResult);
  return { yaml: stringify(plan, { lineWidth: 0 }), carried: [...carried.values()] };
}
