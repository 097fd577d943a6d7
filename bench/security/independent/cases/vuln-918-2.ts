/* eslint-disable */
// @ts-nocheck
// VULN CWE-918: webhook "test" endpoint POSTs to a callback URL taken from the DTO with axios.
import { Body, Controller, Injectable, Post } from '@nestjs/common';
import axios from 'axios';

class TestWebhookDto {
  callbackUrl!: string;
  event!: string;
}

@Injectable()
export class WebhookService {
  async deliver(url: string, payload: unknown) {
    const response = await axios.post(url, payload, { timeout: 5000 });
    return { status: response.status, body: response.data };
  }
}

@Controller('webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post('test')
  async test(@Body() dto: TestWebhookDto) {
    return this.webhooks.deliver(dto.callbackUrl, { event: dto.event, test: true });
  }
}
