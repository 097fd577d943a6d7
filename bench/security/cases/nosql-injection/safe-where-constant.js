/* eslint-disable */
async function active() {
  return Post.find({ $where: 'this.published === true' });
}
module.exports = { active };
