/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: NestJS service runs a Sequelize raw query with an interpolated e-mail from the body.
import { Body, Controller, Injectable, Post } from '@nestjs/common';
import { InjectConnection } from '@nestjs/sequelize';
import { QueryTypes, Sequelize } from 'sequelize';

@Injectable()
export class AccountService {
  constructor(@InjectConnection() private readonly sequelize: Sequelize) {}

  async findByEmail(email: string) {
    const [account] = await this.sequelize.query(
      `SELECT id, email, plan FROM accounts WHERE email = '${email}' LIMIT 1`,
      { type: QueryTypes.SELECT },
    );
    return account ?? null;
  }
}

@Controller('accounts')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Post('lookup')
  lookup(@Body() body: { email: string }) {
    return this.accounts.findByEmail(body.email);
  }
}
