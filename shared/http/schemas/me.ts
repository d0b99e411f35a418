import * as z from 'zod/mini';
import { language } from './language';

/** Body of `PUT /me/language`. */
export const chooseLanguageBody = z.strictObject({ language });
