import { InvalidTransitionError } from '../errors';

/** Where a partner stands with the program: trading, stopped for now, or gone for good. */
export const PARTNER_STATES = ['active', 'suspended', 'ended'] as const;

/** A partner's state. */
export type PartnerState = (typeof PARTNER_STATES)[number];

/** What a manager does to a partner. */
export const PARTNER_ACTIONS = ['suspend', 'resume', 'end'] as const;

/** A manager's action on a partner. */
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

/**
 * The partner state machine. `ended` is final: the record and its audit stay, read-only.
 * Suspending stops the partner's people, never its clients.
 */
const PARTNER_TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  end: { from: ['active', 'suspended'], to: 'ended' },
} as const satisfies Record<PartnerAction, { readonly from: readonly PartnerState[]; readonly to: PartnerState }>;

/** The states `action` may start from (the condition of the conditional write). */
export function partnerTransitionFrom(action: PartnerAction): readonly PartnerState[] {
  return PARTNER_TRANSITIONS[action].from;
}

/** The state `action` leads to from `state`; throws `InvalidTransitionError` when not allowed. */
export function nextPartnerState(state: PartnerState, action: PartnerAction): PartnerState {
  const transition = PARTNER_TRANSITIONS[action];
  if (!(transition.from as readonly PartnerState[]).includes(state)) throw new InvalidTransitionError('partner', state, action);
  return transition.to;
}

/** The partner's people may use the partner routes only while it is active. */
export function mayActAsPartner(state: PartnerState): boolean {
  return state === 'active';
}
