import type { Clock } from '../Clock';
import type { IdGenerator } from '../IdGenerator';
import type { ClientRepository } from '../../ports/ClientRepository';
import type { CloudAccountRegistry } from '../../ports/CloudAccountRegistry';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { Mailer } from '../../ports/Mailer';
import type { PartnerDirectory } from '../../ports/PartnerDirectory';
import type { RateLimiter } from '../../ports/RateLimiter';

/** Everything the clients use cases may need; each use case takes only the part it uses. */
export interface ClientDeps {
  readonly clients: ClientRepository;
  readonly accounts: CloudAccountRegistry;
  readonly partners: PartnerDirectory;
  readonly mailer: Mailer;
  readonly limits: RateLimiter;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Where invitation links point: `${publicBaseUrl}/invitations/<token>`. */
  readonly publicBaseUrl: string;
  /** New invitations a partner may send per day (`DEFAULT_INVITATIONS_PER_DAY` when absent). */
  readonly invitationsPerDay?: number;
}
