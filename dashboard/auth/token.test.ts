import { describe, expect, it } from 'vitest'
import { bearer, takeTokenFromUrl } from './token.ts'

describe('takeTokenFromUrl', () => {
  it('takes the token from the sign-in link and leaves a clean address', () => {
    expect(takeTokenFromUrl('http://127.0.0.1:3000/?token=s3cr3t')).toEqual({ token: 's3cr3t', cleanedPath: '/' })
  })

  it('keeps the other query parameters and the hash', () => {
    const link = takeTokenFromUrl('http://h/journeys?key=retail.order.id&token=t%2B1&value=A1#x')
    expect(link.token).toBe('t+1')
    expect(link.cleanedPath).toBe('/journeys?key=retail.order.id&value=A1#x')
  })

  it('finds no token in an ordinary address and leaves it unchanged', () => {
    expect(takeTokenFromUrl('http://h/traces/abc#span-1')).toEqual({ token: undefined, cleanedPath: '/traces/abc#span-1' })
  })

  it('treats an empty token as none, but still drops it from the address', () => {
    expect(takeTokenFromUrl('http://h/?token=')).toEqual({ token: undefined, cleanedPath: '/' })
  })
})

describe('bearer', () => {
  it('builds the Authorization header value', () => {
    expect(bearer('abc')).toBe('Bearer abc')
  })
})
