/* eslint-disable */
// @ts-nocheck
export class GithubClient {
  private token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
  async repos() {
    return fetch('https://api.github.com/user/repos', {
      headers: { Authorization: `token ${this.token}` },
    });
  }
}
