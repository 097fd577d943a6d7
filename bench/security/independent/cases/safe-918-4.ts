/* eslint-disable */
// @ts-nocheck
// SAFE CWE-918 look-alike: the client picks a provider key; the outbound URL comes from a fixed Map.
import { Body, Controller, Post } from '@nestjs/common';

const PROVIDERS = new Map<string, string>([
  ['openweather', 'https://api.openweathermap.org/data/2.5/weather'],
  ['weatherapi', 'https://api.weatherapi.com/v1/current.json'],
]);

@Controller('weather')
export class WeatherController {
  @Post()
  async current(@Body() body: { provider: string; city: string }) {
    const endpoint = PROVIDERS.get(body.provider);
    if (!endpoint) return { error: 'unknown provider' };
    const url = new URL(endpoint);
    url.searchParams.set('q', body.city);
    const res = await fetch(url);
    return res.json();
  }
}
