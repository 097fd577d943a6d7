/* eslint-disable */
// @ts-nocheck
// SAFE CWE-89 look-alike: Sequelize raw query with named replacements for the e-mail.
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/sequelize';
import { QueryTypes, Sequelize } from 'sequelize';

@Injectable()
export class AccountService {
  constructor(@InjectConnection() private readonly sequelize: Sequelize) {}

  async findByEmail(email: string) {
    const [account] = await this.sequelize.query(
      'SELECT id, email, plan FROM accounts WHERE email = :email LIMIT 1',
      { replacements: { email }, type: QueryTypes.SELECT },
    );
    return account ?? null;
  }
}
