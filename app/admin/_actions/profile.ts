'use server';
import { z } from 'zod';
import { defineStateAction } from '@/lib/editorial/admin-action';
import { updateOwnProfile, type ProfileInput } from '@/lib/editorial/profiles';

/** The signed-in editor's public profile, which their bylines link to. */

export type ProfileFormState = {
  saved?: boolean;
  errors?: Partial<Record<keyof ProfileInput, string>>;
  values?: ProfileInput;
};

export const updateProfileAction = defineStateAction('updateProfileAction', {
  permission: 'editor',
  input: z.object({
    profileSlug: z.string().default(''),
    jobTitle: z.string().default(''),
    bio: z.string().default(''),
  }),
  audit: ['profile_update'],
  expires: { paths: ['/admin/profile'] },
  run: async ({ actor, input: values }): Promise<ProfileFormState> => {
    const result = await updateOwnProfile(actor, values);
    if (!result.ok) return { errors: result.errors, values };
    return { saved: true, values };
  },
});
