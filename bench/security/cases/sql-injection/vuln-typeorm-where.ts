/* eslint-disable */
// @ts-nocheck
export class UserController {
  async find(request, response) {
    const name = request.body.name;
    const users = await this.dataSource.query("SELECT * FROM user WHERE name = '" + name + "'");
    return response.send(users);
  }
}
