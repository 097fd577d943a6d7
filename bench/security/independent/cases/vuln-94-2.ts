/* eslint-disable */
// @ts-nocheck
// VULN CWE-94: rules engine compiles a condition string from the request body with new Function.
import { Body, Controller, Post } from '@nestjs/common';

interface EvaluateRuleDto {
  condition: string;
  context: Record<string, unknown>;
}

@Controller('rules')
export class RulesController {
  @Post('evaluate')
  evaluate(@Body() dto: EvaluateRuleDto) {
    const predicate = this.compile(dto.condition);
    return { matched: Boolean(predicate(dto.context)) };
  }

  private compile(condition: string): (ctx: Record<string, unknown>) => unknown {
    // Allows business users to write rules like "order.total > 100 && user.tier === 'gold'"
    return new Function('ctx', `with (ctx) { return (${condition}); }`) as (
      ctx: Record<string, unknown>,
    ) => unknown;
  }
}
