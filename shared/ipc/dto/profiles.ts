import { z } from 'zod';
import { OrgName } from '../../schemas/connectionProfile.ts';
import { channelNameSchema, mspIdSchema } from './primitives.ts';

/**
 * A connection profile as the renderer sees it: which organisation and channels. Endpoints and TLS file paths stay
 * in main. There is one profile per organisation, so the organisation is the profile's id.
 */
export const connectionProfileSummarySchema = z.strictObject({
  org: OrgName,
  mspId: mspIdSchema,
  channels: z.array(channelNameSchema).max(8),
  caName: z.string().min(1).max(128),
});

/** The value of one entry of `profiles:list`. */
export type ConnectionProfileSummary = z.output<typeof connectionProfileSummarySchema>;

/**
 * Arguments of `profiles:import`: the text of a portable connection profile file (the profile with its TLS CA
 * certificates inline as PEM, as `network:export-profile` or an administrator writes it). The renderer reads the file
 * the user picked and passes its text, so main never opens a path chosen by the page.
 */
export const importProfileArgsSchema = z.strictObject({
  content: z
    .string()
    .min(2)
    .max(256 * 1024),
});
