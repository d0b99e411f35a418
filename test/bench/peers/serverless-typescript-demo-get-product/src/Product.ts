/** What the peer stores: a product with a name and a price. */
export interface Product {
  id: string;
  name: string;
  price: number;
}
