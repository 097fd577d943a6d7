/* eslint-disable */
// @ts-nocheck
// SAFE CWE-916 look-alike: argon2id for password hashing in a NestJS auth service.
import { Injectable, UnauthorizedException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(private readonly users: UsersRepository) {}

  async register(email: string, password: string) {
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456 });
    return this.users.create({ email, passwordHash });
  }

  async login(email: string, password: string) {
    const user = await this.users.findByEmail(email);
    if (!user || !(await argon2.verify(user.passwordHash, password))) {
      throw new UnauthorizedException();
    }
    return user;
  }
}
