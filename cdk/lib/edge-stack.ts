/**
 * The firewall in front of CloudFront (only when `waf.enabled` is configured). CloudFront accepts only
 * web ACLs made in us-east-1, so this small stack is deployed there and the Api stack reads the ACL's
 * ARN across regions (CDK passes it through an SSM parameter). It holds no data.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  stage: string;
  /** Requests one address may send in five minutes before it is blocked for a while. */
  rateLimit: number;
}

/** AWS managed rule groups, in evaluation order, each with why Kawal uses it. */
export const MANAGED_RULE_GROUPS = [
  // Requests from addresses Amazon's threat intelligence lists as malicious (botnets, scanners).
  'AWSManagedRulesAmazonIpReputationList',
  // The common web exploits (OWASP top 10 patterns); the body size rule is left to count only:
  // a long litmas can exceed its 8 KB, and the API caps bodies itself (payload_too_large).
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j, Java deserialization...).
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'RatePerAddress',
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('kawal-rate'),
      },
      ...MANAGED_RULE_GROUPS.map(
        (name, index): CfnWebACL.RuleProperty => ({
          name,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name,
              ...(name === 'AWSManagedRulesCommonRuleSet'
                ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] }
                : {}),
            },
          },
          visibilityConfig: visibility(`kawal-${name}`),
        }),
      ),
    ];
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `kawal-${props.stage}`,
      description: `Kawal ${props.stage}: managed rules and a rate limit in front of the site and its API`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: visibility(`kawal-${props.stage}`),
    });
  }
}
