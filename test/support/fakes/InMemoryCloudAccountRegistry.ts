import type { CloudAccountRegistry } from '../../../shared/ports/CloudAccountRegistry';

/** `CloudAccountRegistry` in memory, mirroring `DynamoCloudAccountRegistry.exists`: an account exists once registered. */
export class InMemoryCloudAccountRegistry implements CloudAccountRegistry {
  private readonly accounts = new Set<string>();

  /** Registers accounts (what the cloud's account service feeds, or a console sign-up). */
  public register(...accountIds: readonly string[]): void {
    for (const accountId of accountIds) this.accounts.add(accountId);
  }

  public async exists(accountId: string): Promise<boolean> {
    return this.accounts.has(accountId);
  }
}
