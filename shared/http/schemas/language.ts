import * as z from 'zod/mini';
import { LANGUAGES } from '../../domain/Language';

/** A language of partnerdesk: `ru` or `en`. */
export const language = z.enum(LANGUAGES);
