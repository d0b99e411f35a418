/** A balance in the page's language, visibly marked (colour, icon, title) when it is below zero. */
import { t } from '../i18n/catalogue';
import { formatMoney } from '../i18n/format';
import { Icon } from './Icon';
import type { Money } from './money';

/** The amount; a negative one is marked. */
export function BalanceFigure({ money }: { readonly money: Money }) {
  return money.amount < 0
    ? <span class="negative" title={t.value.clients.negative}><Icon name="warning" />{formatMoney(money)}</span>
    : <>{formatMoney(money)}</>;
}
