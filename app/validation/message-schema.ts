/** A Message as it crosses a boundary (a reply from the core): a known catalog key and scalar or message parameters. */
import { isCatalogKey } from '../i18n/keys';
import type { Message, MessageParam } from '../i18n/message';
import { MAX_STRING, v } from './schema';

export const messageSchema: v.GenericSchema<unknown, Message> = v.strictObject({
  key: v.custom<Message['key']>((value) => typeof value === 'string' && isCatalogKey(value)),
  params: v.optional(
    v.record(
      v.string(),
      v.union([
        v.pipe(v.string(), v.maxLength(MAX_STRING)),
        v.number(),
        v.lazy((): v.GenericSchema<unknown, MessageParam> => messageSchema),
      ]),
    ),
  ),
});
