import { describe, expect, it } from 'vitest';
import { addApplicationOrg, type ChannelConfig, type ConfigGroup } from './configUpdate.ts';

const org = (mspId: string): ConfigGroup => ({
  mod_policy: 'Admins',
  values: { MSP: { mod_policy: 'Admins', value: { config: { name: mspId } } } },
});

function reportChannel(rule = 'MAJORITY'): ChannelConfig {
  return {
    channel_group: {
      mod_policy: 'Admins',
      groups: {
        Application: {
          mod_policy: 'Admins',
          groups: { HospitalMSP: org('HospitalMSP'), ParentsMSP: org('ParentsMSP'), SchoolMSP: org('SchoolMSP') },
          policies: { Admins: { mod_policy: 'Admins', policy: { type: 3, value: { rule, sub_policy: 'Admins' } } } },
        },
      },
    },
  };
}

describe('adding a second school organisation to a channel', () => {
  it('adds the group and asks for a majority of the current member admins (2 of 3 on report)', () => {
    const config = reportChannel();
    const result = addApplicationOrg(config, 'SchoolBMSP', org('SchoolBMSP'));
    expect(result.adminSignaturesNeeded).toBe(2);
    expect(Object.keys(config.channel_group.groups?.['Application']?.groups ?? {})).toEqual([
      'HospitalMSP',
      'ParentsMSP',
      'SchoolMSP',
      'SchoolBMSP',
    ]);
  });

  it.each([
    ['ANY', 1],
    ['ALL', 3],
  ])('follows the Admins rule %s', (rule, needed) => {
    expect(addApplicationOrg(reportChannel(rule), 'SchoolBMSP', org('SchoolBMSP')).adminSignaturesNeeded).toBe(needed);
  });

  it('refuses an organisation that is already a member, changing nothing', () => {
    const config = reportChannel();
    const before = structuredClone(config);
    expect(() => addApplicationOrg(config, 'SchoolMSP', org('SchoolMSP'))).toThrow(/^ORG_ALREADY_MEMBER/);
    expect(config).toEqual(before);
  });

  it('refuses a channel whose Admins policy is a signature policy', () => {
    const config = reportChannel();
    const application = config.channel_group.groups?.['Application'];
    if (application?.policies?.['Admins'] !== undefined) application.policies['Admins'].policy = { type: 1, value: {} };
    expect(() => addApplicationOrg(config, 'SchoolBMSP', org('SchoolBMSP'))).toThrow(/^CONFIG_POLICY_UNKNOWN/);
  });
});
