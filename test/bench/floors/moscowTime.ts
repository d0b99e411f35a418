/** @date-fns/tz's offset of Europe/Moscow at an instant, as the functions cut days in Moscow time. */
import { tzOffset } from '@date-fns/tz';
import type { FloorUse } from './FloorUse';

export const floorUse: FloorUse = { run: async () => tzOffset('Europe/Moscow', new Date()) };
