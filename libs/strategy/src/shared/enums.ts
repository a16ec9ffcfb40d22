import { registerEnumType } from '@nestjs/graphql';
import { HORIZONS, type Horizon } from '@app/domain';

/** GraphQL enums of the strategy context, registered once. */
export const HorizonEnum = Object.fromEntries(HORIZONS.map((h) => [h, h])) as { [K in Horizon]: K };
registerEnumType(HorizonEnum, {
  name: 'Horizon',
  description: 'CORE / ADJACENT / TRANSFORMATIONAL (the 70/20/10 mix)',
});

export const GoalStatusEnum = { ACTIVE: 'ACTIVE', ARCHIVED: 'ARCHIVED' } as const;
registerEnumType(GoalStatusEnum, { name: 'GoalStatus' });
