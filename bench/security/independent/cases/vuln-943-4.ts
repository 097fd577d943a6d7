/* eslint-disable */
// @ts-nocheck
// VULN CWE-943: unvalidated DTO fields from the body are used in a password-reset lookup (operator injection).
import { Body, Controller, Injectable, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

interface ResetPasswordDto {
  email: string;
  token: string;
  newPassword: string;
}

@Injectable()
export class PasswordResetService {
  constructor(@InjectModel('User') private readonly users: Model<any>) {}

  async reset(dto: ResetPasswordDto) {
    const user = await this.users.findOne({ email: dto.email, resetToken: dto.token });
    if (!user) return { ok: false };
    user.password = await this.hash(dto.newPassword);
    user.resetToken = null;
    await user.save();
    return { ok: true };
  }

  private async hash(pw: string) {
    const bcrypt = await import('bcrypt');
    return bcrypt.hash(pw, 12);
  }
}

@Controller('auth')
export class PasswordResetController {
  constructor(private readonly service: PasswordResetService) {}

  @Post('reset')
  reset(@Body() dto: ResetPasswordDto) {
    return this.service.reset(dto);
  }
}
